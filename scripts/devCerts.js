/**
 * HTTPS options for `npm start` and `npm run playground`: the office-addin-dev-certs certificate. Installing
 * its CA into the trust store needs administrator rights (the library runs sudo on Linux); when that fails the
 * certificate is still generated (once) and the server starts, and we print why it failed and how to trust the
 * CA by hand, without sudo when already root (see README, "Trusting the development certificate").
 */
const fs = require("fs");
const devCerts = require("office-addin-dev-certs");
const defaults = require("office-addin-dev-certs/lib/defaults");

async function httpsOptions() {
  try {
    const o = await devCerts.getHttpsServerOptions();
    return { ca: o.ca, cert: o.cert, key: o.key };
  } catch (e) {
    // The install failed, not the certificate: generate it only if it is missing (generating again would
    // print the library's "generated" line a second time and replace the certificate it just made).
    if (!fs.existsSync(defaults.localhostCertificatePath) || !fs.existsSync(defaults.caCertificatePath)) {
      await devCerts.generateCertificates();
    }
    const root = typeof process.getuid === "function" && process.getuid() === 0;
    const sudo = root ? "" : "sudo ";
    const reason = String((e && e.message) || e)
      .replace(/^Unable to install the CA certificate\.\s*/, "")
      .split("\n")[0]
      .trim();
    console.warn(
      [
        "",
        `The development CA could not be installed into the system trust store${reason ? `: ${reason}` : ""}.`,
        root
          ? "(Running as root: the library's installer calls sudo, which this system may not have.)"
          : "Installing it needs administrator rights (sudo on Linux).",
        "The server starts anyway with the certificate in " + defaults.certificateDirectory + ".",
        "To trust it (once):",
        `  ${sudo}cp ${defaults.caCertificatePath} /usr/local/share/ca-certificates/office-addin-dev-ca.crt && ${sudo}update-ca-certificates`,
        "  certutil -d sql:$HOME/.pki/nssdb -A -t 'C,,' -n office-addin-dev-ca -i " +
          defaults.caCertificatePath +
          "   # Chromium/Edge's own store",
        "",
      ].join("\n"),
    );
    return {
      ca: fs.readFileSync(defaults.caCertificatePath),
      cert: fs.readFileSync(defaults.localhostCertificatePath),
      key: fs.readFileSync(defaults.localhostKeyPath),
    };
  }
}

module.exports = { httpsOptions };
