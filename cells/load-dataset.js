/**
 * @title Load a dataset
 * @description Reads a bundled CSV into an arquero table (`table`), with its inferred schema and a load report.
 * @mode js
 */
// swap in another file: ../data/mortality.csv, ../data/ames.csv, ../data/synthetic.csv, or your own
const {table, schema, report} = await crossexam.loadTable(FileAttachment("../data/credit.csv"));
