/**
 * HTTPS options for `npm start`: the office-addin-dev-certs certificate. Installing its CA into the trust
 * store needs sudo on Linux; when that fails the certificate is still generated and the server starts,
 * and we print how to trust the CA by hand (see README, "Trusting the development certificate").
 */
const fs = require("fs");
const devCerts = require("office-addin-dev-certs");
const defaults = require("office-addin-dev-certs/lib/defaults");

async function httpsOptions() {
  try {
    const o = await devCerts.getHttpsServerOptions();
    return { ca: o.ca, cert: o.cert, key: o.key };
  } catch (e) {
    if (!fs.existsSync(defaults.localhostCertificatePath) || !devCerts.verifyCertificates()) {
      await devCerts.generateCertificates();
    }
    console.warn(
      [
        "",
        "The development CA could not be installed into the system trust store (this needs sudo on Linux).",
        "The server starts anyway with the certificate in " + defaults.certificateDirectory + ".",
        "To trust it (once):",
        "  sudo cp " + defaults.caCertificatePath + " /usr/local/share/ca-certificates/office-addin-dev-ca.crt && sudo update-ca-certificates",
        "  certutil -d sql:$HOME/.pki/nssdb -A -t 'C,,' -n office-addin-dev-ca -i " + defaults.caCertificatePath + "   # Chromium/Edge's own store",
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
