// Fails the Maven build early, with guidance, when Node is older than the toolchain needs.
const major = Number(process.versions.node.split(".")[0]);
if (major < 20) {
  console.error(`Flarelink's Worker build needs Node.js 20 or newer (found ${process.version}). Install Node 20+ with npm from https://nodejs.org and retry.`);
  process.exit(1);
}
