/**
 * @title What-if form
 * @description A form over one row of `batch`: a slider per numeric feature (within the data's range), a select per categorical one; `whatIf` is the edited row.
 * @mode js
 */
const whatIfRow = 0;
const whatIf = view(Inputs.form(Object.fromEntries(models[0].features.map((f) => {
  const column = Array.from(batch.columns[f]);
  const value = column[whatIfRow];
  if (typeof value === "number" || batch.columns[f] instanceof Float64Array) {
    const present = column.filter(Number.isFinite);
    return [f, Inputs.range(d3.extent(present), {label: f, value: Number.isFinite(value) ? value : d3.median(present), step: Number.isInteger(present[0]) ? 1 : undefined})];
  }
  return [f, Inputs.select([...new Set(column.filter((v) => v !== null))].sort(), {label: f, value})];
}))));
