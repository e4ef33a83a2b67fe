// The grid's stylesheet, scoped by the `.cx-explorer` class (the element is a plain div, so it
// lives in the page's DOM and the notebook's own styles do not have to reach into a shadow root).
export const EXPLORER_CSS = `
.cx-explorer { font: 13px/1.4 system-ui, sans-serif; color: #222; }
.cx-explorer .cx-bar { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; padding: 8px 10px; margin-bottom: 10px; background: #f4f6f8; border: 1px solid #dde2e7; border-radius: 6px; }
.cx-explorer .cx-bar label { display: inline-flex; gap: 6px; align-items: center; font-weight: 600; }
.cx-explorer .cx-bar input[type=number] { width: 6em; }
.cx-explorer .cx-bar .cx-edited { color: #b5462b; font-weight: 600; }
.cx-explorer .cx-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 10px; }
.cx-explorer .cx-panel { position: relative; border: 1px solid #dde2e7; border-radius: 6px; padding: 8px 10px 6px; background: white; min-height: 120px; overflow: hidden; }
.cx-explorer .cx-panel h3 { margin: 0 0 4px; font-size: 13px; font-weight: 600; color: #333; }
.cx-explorer .cx-panel.running .cx-body { opacity: 0.45; }
.cx-explorer .cx-progress { position: absolute; top: 0; left: 0; height: 3px; background: #4269d0; transition: width 0.15s; }
.cx-explorer .cx-error { color: #b00020; white-space: pre-wrap; }
.cx-explorer .cx-row-error { color: #b00020; font-weight: 600; }
.cx-explorer input[aria-invalid=true] { border-color: #b00020; outline-color: #b00020; }
.cx-explorer .cx-note { margin: 2px 0 0; font-size: 12px; color: #555; }
.cx-explorer [data-feature], .cx-explorer [data-row] { cursor: pointer; }
.cx-explorer .cx-whatif { display: grid; grid-template-columns: max-content 1fr max-content; gap: 4px 8px; align-items: center; }
.cx-explorer .cx-whatif .cx-name { font-weight: 600; cursor: pointer; }
.cx-explorer .cx-whatif .cx-name.selected { color: #4269d0; }
.cx-explorer .cx-whatif .cx-val { font-variant-numeric: tabular-nums; min-width: 5em; text-align: right; }
.cx-explorer .cx-whatif .edited { color: #b5462b; }
.cx-explorer .cx-whatif input[type=range], .cx-explorer .cx-whatif select { width: 100%; }
`;
