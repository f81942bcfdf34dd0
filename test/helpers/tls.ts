import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TlsMaterial {
  dir: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  /** The CA certificate (PEM), to trust in a client. */
  ca: string;
  /** redis-server arguments for a TLS-only server on `port` with these files. */
  redisArgs(port: number): string[];
  remove(): void;
}

function openssl(dir: string, args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
}

/** A throwaway CA and a server certificate for `dnsName` (CN and SAN), made with openssl in a temp dir. */
export function makeTlsMaterial(dnsName: string): TlsMaterial {
  const dir = mkdtempSync(join(tmpdir(), "bavest-tls-"));
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl(dir, [
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "2",
    "-subj",
    "/CN=Test CA",
  ]);
  openssl(dir, ["req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", `/CN=${dnsName}`]);
  writeFileSync(join(dir, "server.ext"), `subjectAltName=DNS:${dnsName}\nextendedKeyUsage=serverAuth\n`);
  openssl(dir, [
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.crt",
    "-days",
    "2",
    "-extfile",
    "server.ext",
  ]);
  const material: TlsMaterial = {
    dir,
    caFile: join(dir, "ca.crt"),
    certFile: join(dir, "server.crt"),
    keyFile: join(dir, "server.key"),
    ca: readFileSync(join(dir, "ca.crt"), "utf8"),
    redisArgs: (port) => [
      "--port",
      "0",
      "--tls-port",
      String(port),
      "--tls-cert-file",
      material.certFile,
      "--tls-key-file",
      material.keyFile,
      "--tls-ca-cert-file",
      material.caFile,
      "--tls-auth-clients",
      "no",
    ],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  return material;
}
