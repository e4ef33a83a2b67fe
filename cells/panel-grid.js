/**
 * @title Linked panel grid
 * @description Every view of the models in one cell: click a bar to select a feature, a point to select an observation, edit it in the what-if form; `selection` holds {feature, row, observation}.
 * @mode js
 */
// needs `table`, `models` and `target` (Rows to explain)
const selection = view(crossexam.explorer({data: table, models, target, maxRows: 400, invalidation}));
