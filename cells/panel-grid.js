/**
 * @title Linked panel grid
 * @description Every view of the models in one cell: click a bar to select a feature, a point to select an observation, edit it in the what-if form; `selection` holds {feature, row, observation}.
 * @mode js
 */
// needs `table` and `models`; the target is the column the models predict
const selection = view(crossexam.explorer({data: table, models, target: "Status", maxRows: 400, invalidation}));
