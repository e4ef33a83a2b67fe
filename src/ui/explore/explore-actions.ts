// Where an explored model's files and notebook go. On the dev server: the files under
// `data/<folder>/` through the upload route, the notebook in `notebooks/<folder>.html` through
// the create route, then the editor opens it. On a published site: the files stay in this
// browser (IndexedDB) and the notebook is kept as one of the reader's own local notebooks
// (trusted: the reader made it from their own files), opened on the view page, editable there.
import { serializeNotebook } from "../../notebook/format";
import { LocalForks } from "../fork/local-forks";
import { createNotebookFile, uploadDataFile } from "../save-client";
import type { ExplorePlan } from "./explore-plan";
import { localFileUrl, newLocalKey, putLocalFiles } from "./local-files";

const dom = () => ({ parser: new DOMParser(), document });

/** Upload the files and create the notebook; returns the page to open. Tries `folder`, `folder-2`, … when a name is taken by other content. */
export async function exploreOnServer(plan: ExplorePlan, progress: (text: string) => void = () => undefined): Promise<string> {
  for (let n = 1; n <= 20; n++) {
    const folder = n === 1 ? plan.folder : `${plan.folder}-${n}`;
    let taken = false;
    for (const file of plan.files) {
      progress(`saving ${file.name} to data/${folder}/…`);
      const result = await uploadDataFile(folder, file.name, file.bytes);
      if (!result.ok && result.status === 409) { taken = true; break; }
      if (!result.ok) throw new Error(`${file.name} was not saved: ${result.error}`);
    }
    if (taken) continue;
    const notebook = plan.notebook((name) => `../data/${folder}/${name}`);
    const created = await createNotebookFile(folder, serializeNotebook(notebook, dom()), notebook.cells);
    if (!created.ok && created.status === 409) continue;
    if (!created.ok) throw new Error(`the notebook was not written: ${created.error}`);
    return `notebook.html?path=${encodeURIComponent(created.path)}`;
  }
  throw new Error(`data/${plan.folder}-2 … -20 are all taken by other files: rename your table`);
}

/** Keep the files and the notebook in this browser; returns the page to open. Nothing is uploaded. */
export async function exploreInBrowser(plan: ExplorePlan, store: Storage = localStorage): Promise<string> {
  const key = newLocalKey();
  await putLocalFiles(key, plan.files);
  const notebook = plan.notebook((name) => localFileUrl(key, name));
  const forkKey = new LocalForks(store).save(notebook.title, serializeNotebook(notebook, dom()));
  return `view.html?local=${encodeURIComponent(forkKey)}`;
}
