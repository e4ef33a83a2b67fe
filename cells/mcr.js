/**
 * @title Model class reliance
 * @description For each feature, the range of reliance (loss after permuting it ÷ loss before) over the Rashomon set's members: above 1 everywhere means every good model needs the feature.
 * @mode js
 */
// needs `rashomon` (Rashomon set) and `setData`; 3 repeats keep it quick, raise them for a final answer
const mcr = await crossexam.modelClassReliance(rashomon.members, setData, {target: target, repeats: 3, seed: 1, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.mcrPlot(mcr));
