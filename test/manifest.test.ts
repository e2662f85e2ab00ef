/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * manifest.xml parses with office-addin-manifest's reader (the same parser `office-addin-manifest validate`
 * starts with) and declares the OVERLAY namespace, the shared runtime, the task-pane button, the icons
 * that exist in assets/, and the least permission.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { parseStringPromise } from "xml2js";

const ROOT = resolve(__dirname, "..");
const MANIFEST = resolve(ROOT, "manifest.xml");

/** office-addin-manifest's reader, in a child Node (its dependencies are ESM-only, which Node loads and jest does not). */
function readManifestInfo(path: string): Record<string, any> {
  const script = `require("office-addin-manifest").OfficeAddinManifest.readManifestFile(${JSON.stringify(path)}).then((m) => process.stdout.write(JSON.stringify(m)))`;
  const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe("manifest.xml", () => {
  test("parses and identifies the add-in", () => {
    const info = readManifestInfo(MANIFEST);
    expect(info.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(info.displayName).toBe("Overlay");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.defaultSettings?.sourceLocation).toBe("https://localhost:3000/taskpane.html");
  });

  test("declares the OVERLAY namespace, the shared runtime and a Home-tab task-pane button", async () => {
    const xml = readFileSync(MANIFEST, "utf8");
    const doc = await parseStringPromise(xml);
    const vo = doc.OfficeApp.VersionOverrides[0];
    const host = vo.Hosts[0].Host[0];
    expect(host.Runtimes[0].Runtime[0].$).toEqual({ resid: "Taskpane.Url", lifetime: "long" });
    const cf = host.AllFormFactors[0].ExtensionPoint.find((e: { $: { "xsi:type": string } }) => e.$["xsi:type"] === "CustomFunctions");
    expect(cf.Page[0].SourceLocation[0].$.resid).toBe("Taskpane.Url");
    const strings = Object.fromEntries(vo.Resources[0]["bt:ShortStrings"][0]["bt:String"].map((s: { $: { id: string; DefaultValue: string } }) => [s.$.id, s.$.DefaultValue]));
    expect(strings[cf.Namespace[0].$.resid]).toBe("OVERLAY");
    const tab = host.DesktopFormFactor[0].ExtensionPoint[0].OfficeTab[0];
    expect(tab.$.id).toBe("TabHome");
    expect(tab.Group[0].Control[0].Action[0].$["xsi:type"]).toBe("ShowTaskpane");
    expect(doc.OfficeApp.Requirements[0].Sets[0].Set[0].$).toEqual({ Name: "SharedRuntime", MinVersion: "1.1" });
  });

  test("every icon it names exists in assets/ at its size (16/32/64/80, 128 for the store)", () => {
    const xml = readFileSync(MANIFEST, "utf8");
    const icons = [...xml.matchAll(/assets\/(icon-\d+\.png)/g)].map((m) => m[1]);
    expect(icons.length).toBeGreaterThan(3);
    for (const size of [16, 32, 64, 80, 128]) {
      const file = resolve(ROOT, `assets/icon-${size}.png`);
      expect(existsSync(file)).toBe(true);
      const png = readFileSync(file);
      expect(png.readUInt32BE(16)).toBe(size); // IHDR width
      expect(png.readUInt32BE(20)).toBe(size); // IHDR height
    }
    for (const i of icons) expect(existsSync(resolve(ROOT, "assets", i))).toBe(true);
  });
});
