/**
 * Offering text as a file download (the CSV ticket). A page cannot know whether the file was saved, so this
 * never reports a download, only that one was offered; and where a blob download is known not to work (Excel
 * on Mac: office-js issue #2700; a webview without object URLs or the anchor's download attribute) it offers
 * nothing, and the pane shows the ticket in a box to copy instead.
 */
export type DownloadResult = "offered" | "unavailable";

/** Whether this host can start a blob download. `platform` is Office.context.platform where Office runs. */
export function canDownload(platform?: string): boolean {
  if (platform === "Mac") return false;
  if (typeof URL === "undefined" || typeof URL.createObjectURL !== "function" || typeof Blob === "undefined") return false;
  if (typeof document === "undefined" || !("download" in document.createElement("a"))) return false;
  return true;
}

export function offerDownload(text: string, fileName: string, allowed: boolean, type = "text/csv;charset=utf-8"): DownloadResult {
  if (!allowed || !canDownload()) return "unavailable";
  try {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return "offered";
  } catch {
    return "unavailable";
  }
}
