// A page's content goes into a new holder per render: lit keeps its place in a container, which
// replacing the container's children under it would break.
export function freshHolder(main: HTMLElement): HTMLElement {
  const holder = document.createElement("div");
  main.replaceChildren(holder);
  return holder;
}
