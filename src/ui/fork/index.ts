// Forks and sharing: fork action and lineage, compare view, trust gate, share links.
export { downstreamOf, type CellNames } from "./downstream";
export { lineDiff, type DiffLine } from "./text-diff";
export { compareVerdicts, hypothesesIn, isHypothesis, cellValues, type HypothesisValue, type VerdictChange } from "./verdicts";
export { TrustMemory, isOwn, isTrusted, ownParent, trustRef, describeOrigin, type KeyValueStore, type NotebookOrigin } from "./trust";
export { LocalForks, type LocalFork } from "./local-forks";
export { encodeShare, decodeShare, changesOf, applyChanges, toBase64Url, fromBase64Url, MAX_SHARE_CHARS, ShareTooLargeError, type ForkChanges, type SharePayload } from "./share-link";
export { forkFileName, forkOnServer, forkInBrowser, downloadText, type ForkResult, type ForkSource } from "./fork-action";
export { openFromAddress, openFile, fetchNotebook, parentUrl, notebooksFolder, type OpenedNotebook } from "./open-notebook";
export { ForkButton, forkPage, inheritTrust } from "./fork-button";
export { CompareLink, compareHref } from "./compare-link";
export { ShareButton, shareUrl } from "./share-button";
export { TrustGate, type GateSide } from "./trust-gate";
export { CompareView, type CompareSide } from "./compare-view";
export { fillHeader, parentRefFor, threadsNote } from "./page-header";
