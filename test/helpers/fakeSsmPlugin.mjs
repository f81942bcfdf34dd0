// Stands in for session-manager-plugin in tests. Takes the same arguments the AWS CLI passes:
//   <StartSession response JSON> <region> StartSession <profile> <request JSON> <ssm endpoint URL>
// listens on 127.0.0.1:<localPortNumber> and forwards each connection to <portNumber> on
// FAKE_SSM_PLUGIN_CONNECT_HOST (default: the host parameter), so a test can keep the real
// ElastiCache-like name for TLS while the bytes go to a local redis-server.
// Test knobs: FAKE_SSM_PLUGIN_MODE = forward (default) | hang (never listens) | fail (exits 1);
// FAKE_SSM_PLUGIN_LISTEN_DELAY_MS; FAKE_SSM_PLUGIN_ARGS_FILE (receives the argv as JSON);
// FAKE_SSM_PLUGIN_PID_FILE (receives the PID).
import { writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.length !== 6) fail(`expected 6 arguments, got ${args.length}`);
const [responseJson, region, operation, , requestJson, endpointUrl] = args;
const response = JSON.parse(responseJson);
const request = JSON.parse(requestJson);
if (!response.SessionId || !response.StreamUrl || !response.TokenValue) fail("response lacks session fields");
if (operation !== "StartSession") fail(`unexpected operation ${operation}`);
if (!region || !endpointUrl.startsWith("https://")) fail("bad region or endpoint URL");
const host = request.Parameters?.host?.[0];
const targetPort = Number(request.Parameters?.portNumber?.[0]);
const localPort = Number(request.Parameters?.localPortNumber?.[0]);
if (!host || !targetPort || !localPort) fail("request lacks host, portNumber or localPortNumber");

if (process.env.FAKE_SSM_PLUGIN_ARGS_FILE)
  writeFileSync(process.env.FAKE_SSM_PLUGIN_ARGS_FILE, JSON.stringify(args));
if (process.env.FAKE_SSM_PLUGIN_PID_FILE)
  writeFileSync(process.env.FAKE_SSM_PLUGIN_PID_FILE, String(process.pid));

// A failed test may end its process without closing the tunnel: never outlive the parent.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) process.exit(0);
}, 250).unref();

const mode = process.env.FAKE_SSM_PLUGIN_MODE ?? "forward";
process.stdout.write(`Starting session with SessionId: ${response.SessionId}\n`);
if (mode === "fail") {
  process.stderr.write("An error occurred (TargetNotConnected): fake failure\n");
  process.exit(1);
}
if (mode === "hang") {
  setInterval(() => {}, 60_000);
} else {
  const connectHost = process.env.FAKE_SSM_PLUGIN_CONNECT_HOST ?? host;
  const server = createServer((client) => {
    const upstream = connect(targetPort, connectHost);
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  setTimeout(
    () =>
      server.listen(localPort, "127.0.0.1", () => {
        process.stdout.write(
          `Port ${localPort} opened for sessionId ${response.SessionId}.\nWaiting for connections...\n`,
        );
      }),
    Number(process.env.FAKE_SSM_PLUGIN_LISTEN_DELAY_MS ?? 0),
  );
}
