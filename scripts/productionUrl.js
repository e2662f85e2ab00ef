/**
 * The URL a production build of the add-in is hosted at: OVERLAY_URL, else package.json's config.production_url.
 * A production build refuses a URL that cannot load in Excel: none set, not https, or a placeholder host
 * (example.com/.org/.net and the reserved .example, .invalid, .test and .localhost-less test names of RFC 2606).
 * https://localhost is accepted: a production bundle served by `npm start`'s certificate, for sideloading.
 */
const RESERVED = [/(^|\.)example\.(com|org|net)$/i, /\.(example|invalid|test)$/i, /^(example|invalid|test)$/i];

/** Why a URL cannot be a production URL, in words; undefined when it can. */
function productionUrlProblem(raw) {
  const text = String(raw ?? "").trim();
  if (text === "") return "no production URL is set";
  let url;
  try {
    url = new URL(text);
  } catch {
    return `'${text}' is not a URL`;
  }
  if (url.protocol !== "https:") return `'${text}' is not https (Office loads add-ins over https only)`;
  if (RESERVED.some((re) => re.test(url.hostname))) return `'${text}' is a placeholder (${url.hostname} is a reserved example name)`;
  return undefined;
}

/** The production URL with a trailing slash; throws an Error with the fix when it cannot be used. */
function productionUrl(env, config) {
  const raw = env.OVERLAY_URL || config.production_url || "";
  const problem = productionUrlProblem(raw);
  if (problem) {
    throw new Error(
      `npm run build: ${problem}. Set the https URL that will host dist/ (the add-in's files and manifest):\n` +
        "  OVERLAY_URL=https://addins.yourfirm.com/overlay/ npm run build\n" +
        '  or "config": { "production_url": "https://addins.yourfirm.com/overlay/" } in package.json.\n' +
        "For a development build served by npm start (https://localhost:3000/), run npm run build:dev.",
    );
  }
  return raw.trim().replace(/\/?$/, "/");
}

module.exports = { productionUrl, productionUrlProblem };
