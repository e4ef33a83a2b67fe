/**
 * @title Note
 * @description A paragraph of Markdown; ${…} shows a value from another cell.
 * @mode md
 */
## What this shows

Write your reading of the results here. Values from other cells can appear inline, like ${new Date().getFullYear()}.
