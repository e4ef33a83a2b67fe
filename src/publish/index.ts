// Publishing: a static, read-only site of notebooks with every file they need.
export { buildSite, type BuildOptions, type BuildReport } from "./build-site";
export { attachmentNames, neededFiles, type NeededFile } from "./collect-files";
export { siteEntry, type NotebookEntry } from "./site-index";
export { PublishError, SITE_NOTEBOOKS, siteAssetPath, siteNotebookPath } from "./site-paths";
export { buildPages, type PageBundleOptions } from "./vite-site";
export { serveStatic, type StaticServer } from "./static-server";
