// <cx-frame>: the shell's side of the notebook frame. It embeds frame.html from the frame's own
// origin, hands it the notebook to show (see protocol.ts), and watches it:
//  - a heartbeat: the frame answers a ping every second; when it has not answered for a few
//    seconds (a cell in an endless loop) the shell — another process — stays responsive and offers
//    to stop the frame and reload it without running;
//  - a run journal: a run that never settled is remembered, and the same text is reopened held
//    (shown, not run) with a Run button.
// Events: cx-frame-ready {isolated}, cx-frame-change (the edited text), cx-frame-save-shortcut,
// cx-frame-threads (ThreadNote[]).
import { LitElement, html, nothing } from "lit";
import { contentHash } from "../../notebook/hash";
import { frameUrl, type FromFrame, isMessage, type OpenMessage, threadNotes, type ToFrame } from "./protocol";
import { RunJournal } from "./run-journal";

/** Why a notebook is shown without running. */
export type HeldReason = "unfinished" | "stopped";

const PING_MS = 1000;
const HUNG_MS = 4000;
const FROM_FRAME = ["ready", "pong", "changed", "busy", "idle", "height", "save-shortcut", "threads"] as const;

export class NotebookFrame extends LitElement {
  static override properties = { held: { state: true }, hungFor: { state: true }, loaded: { state: true } };
  /** set while the notebook is shown but not run */
  declare held?: HeldReason;
  /** seconds since the frame last answered, once it counts as hung */
  declare hungFor?: number;
  declare loaded: boolean;
  /** the frame's answer to `crossOriginIsolated` (threads for models) */
  isolated?: boolean;
  journal = new RunJournal(localStorage);
  readonly url = frameUrl(new URL(document.baseURI), import.meta.env.DEV);
  private iframe?: HTMLIFrameElement;
  private request?: OpenMessage;
  /** the newest text the frame reported (edits), for a reload */
  private latest?: string;
  private running?: string;
  private queue: ToFrame[] = [];
  private ready = false;
  private seq = 0;
  /** when the oldest unanswered ping went out (undefined: none outstanding) */
  private pingSent?: number;
  private timer?: ReturnType<typeof setInterval>;
  // journal writes wait on hashing: keep them in the order the frame reported
  private journalling: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.loaded = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("message", this.onMessage);
    this.timer = setInterval(() => this.beat(), PING_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("message", this.onMessage);
    clearInterval(this.timer);
  }

  /**
   * Show a notebook (or a comparison) in the frame. With `run`, it runs unless the journal holds
   * an unfinished run of exactly this text: then it is shown held. Resolves with the hold reason.
   */
  async show(request: OpenMessage): Promise<HeldReason | undefined> {
    this.latest = undefined;
    let held: HeldReason | undefined;
    if (request.run && this.journal.unfinished(await this.keyOf(request))) held = "unfinished";
    this.request = request;
    this.held = held;
    await this.load({ ...request, run: request.run && !held });
    return held;
  }

  /** Run the notebook shown held. */
  run(): void {
    this.held = undefined;
    this.hungFor = undefined;
    if (this.request) this.request = { ...this.withLatest(this.request), run: true };
    this.post({ cx: 1, type: "run" });
  }

  /** Throw the frame away (its process with it, when nothing else uses it) and show the notebook again, held. */
  async stop(): Promise<void> {
    if (!this.request) return;
    const request = this.withLatest(this.request);
    this.held = "stopped";
    this.hungFor = undefined;
    await this.load({ ...request, run: false });
  }

  protected override render() {
    return html`
      ${this.hungFor !== undefined ? html`<div class="cx-notice cx-conflict cx-hung" role="alert">
        <strong>The notebook has not answered for ${this.hungFor} s</strong> — a cell may be stuck in an endless loop.
        <button type="button" class="cx-stop" @click=${() => void this.stop()}>Stop it</button> (reloads the notebook without running)</div>` : nothing}
      ${this.held ? html`<div class="cx-notice cx-held" role="status">
        ${this.held === "unfinished"
          ? "Nothing has run: the last run of this notebook did not finish (a cell may loop forever)."
          : "The notebook was stopped; nothing is running."}
        <button type="button" class="cx-primary cx-run-held" @click=${() => this.run()}>Run</button></div>` : nothing}
      ${this.loaded ? nothing : html`<p class="cx-note cx-frame-loading">Loading the notebook frame…</p>`}
      ${this.iframe}`;
  }

  private async load(request: OpenMessage): Promise<void> {
    this.iframe?.remove();
    const iframe = document.createElement("iframe");
    iframe.className = "cx-frame";
    iframe.title = "notebook";
    iframe.allow = "cross-origin-isolated";
    // its own origin stays its own (localhost); no navigating the shell away, no top-level tricks
    iframe.setAttribute("sandbox", "allow-scripts allow-same-origin allow-downloads allow-forms allow-popups allow-modals");
    iframe.src = this.url.href;
    this.iframe = iframe;
    this.ready = false;
    this.loaded = false;
    this.queue = [request];
    this.pingSent = undefined;
    this.requestUpdate();
    await this.updateComplete;
    if (request.run) this.journalStarted(this.keyOf(request));
  }

  private journalStarted(key: Promise<string>): void {
    this.journalling = this.journalling.then(async () => {
      const hash = await key;
      this.journal.started(hash, this.running);
      this.running = hash;
    }).catch(() => undefined);
  }

  private journalFinished(): void {
    this.journalling = this.journalling.then(() => {
      if (this.running) this.journal.finished(this.running);
      this.running = undefined;
    });
  }

  private post(message: ToFrame): void {
    if (!this.ready || !this.iframe?.contentWindow) { this.queue.push(message); return; }
    this.iframe.contentWindow.postMessage(message, this.url.origin);
  }

  // Hung means: a ping has gone unanswered for HUNG_MS. (Not "no message for HUNG_MS": a
  // background tab's timers are throttled, and a late ping is no sign of a hung frame.)
  private beat(): void {
    if (!this.ready) return;
    if (this.pingSent === undefined) {
      this.pingSent = Date.now();
      this.post({ cx: 1, type: "ping", seq: ++this.seq });
      return;
    }
    const silent = Date.now() - this.pingSent;
    if (silent > HUNG_MS) this.hungFor = Math.round(silent / 1000);
  }

  private onMessage = (event: MessageEvent) => {
    if (!this.iframe || event.source !== this.iframe.contentWindow || event.origin !== this.url.origin) return;
    if (!isMessage<FromFrame>(event.data, FROM_FRAME)) return;
    const message = event.data;
    // any message shows the frame's thread is free again
    this.pingSent = undefined;
    if (this.hungFor !== undefined) this.hungFor = undefined;
    switch (message.type) {
      case "ready":
        this.ready = true;
        this.loaded = true;
        this.isolated = message.isolated === true;
        for (const queued of this.queue.splice(0)) this.post(queued);
        this.fire("cx-frame-ready", { isolated: this.isolated });
        return;
      case "height":
        if (typeof message.px === "number" && Number.isFinite(message.px)) this.iframe.style.height = `${Math.min(Math.max(message.px, 80), 1e6)}px`;
        return;
      case "changed":
        if (typeof message.text !== "string") return;
        this.latest = message.text;
        this.fire("cx-frame-change", message.text);
        return;
      case "busy":
        if (typeof message.text !== "string") return;
        this.journalStarted(contentHash(message.text));
        return;
      case "idle":
        this.journalFinished();
        return;
      case "save-shortcut":
        this.fire("cx-frame-save-shortcut", undefined);
        return;
      case "threads": {
        const decisions = threadNotes(message.decisions);
        if (decisions) this.fire("cx-frame-threads", decisions);
        return;
      }
    }
  };

  private fire<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  private withLatest(request: OpenMessage): OpenMessage {
    if (request.view !== "notebook" || this.latest === undefined) return request;
    return { ...request, notebook: { ...request.notebook, text: this.latest } };
  }

  private keyOf(request: OpenMessage): Promise<string> {
    return contentHash(request.view === "notebook" ? request.notebook.text : `${request.parent.text}\u0000${request.fork.text}`);
  }
}

customElements.define("cx-frame", NotebookFrame);
