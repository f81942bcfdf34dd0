import { rewriteInvocation } from "./invocation.js";

/** One example of a command's help: what to type, and what it does. */
export type Example = readonly [command: string, what: string];

/**
 * The examples every command's `--help` ends with, keyed by command name. src/cli.ts adds
 * them to each registered command; test/unit/lib/examples.test.ts fails for a registered
 * command without an entry, so a new command only needs one here.
 */
export const COMMAND_EXAMPLES: Readonly<Record<string, readonly Example[]>> = {
  doctor: [
    ["bavest-signals doctor", "check everything; says which workflows are ready"],
    ["bavest-signals doctor --only local", "only what `dev` and `demo` need (exit 1 when missing)"],
    ["bavest-signals doctor --only cloud --online", "what deploying needs, and who the AWS credentials are"],
  ],
  dev: [
    ["bavest-signals dev --every 10s", "the local pipeline, ingesting moving quotes every 10 s"],
    ["bavest-signals dev --no-ingest", "a pipeline that only processes what you replay into it"],
    ["BAVEST_API_KEY=... bavest-signals dev --live-api --symbols AAPL,MSFT", "real quotes from Bavest"],
  ],
  demo: [
    ["bavest-signals demo", "the whole pipeline once, on this machine"],
    ["bavest-signals demo --symbol RIVN --json", "another symbol in detail, as one JSON document"],
  ],
  outputs: [
    ["bavest-signals outputs --local", "where the running `dev` pipeline's stream and Redis are"],
    ["bavest-signals outputs --stack prod --json", "a deployed stack's outputs for a script"],
  ],
  replay: [
    ["bavest-signals replay fixtures/sample.json --local", "send the sample records to `dev`"],
    ["bavest-signals replay fixtures/replay/quotes.jsonl --local --rate 100", "100 records a second"],
    ["cat quotes.jsonl | bavest-signals replay - --stack prod --dry-run", "validate stdin, send nothing"],
  ],
  inspect: [
    ["bavest-signals inspect --local", "every tracked symbol with its latest signal"],
    ["bavest-signals inspect AAPL --local --limit 50", "one symbol: latest, 50 history entries, P/E chart"],
    ["bavest-signals inspect --stack prod --rejected", "the deployed stack's quarantined records"],
  ],
  status: [
    ["bavest-signals status --local", "is the local pipeline healthy?"],
    ["bavest-signals status --stack prod --watch --interval 30s", "keep checking a stack"],
  ],
  console: [
    ["bavest-signals console --local", "the local pipeline's signals in a browser, live"],
    [
      "bavest-signals console --stack prod --port 4280 --no-open",
      "a stack's, through the tunnel; print the URL only",
    ],
  ],
  logs: [
    ["bavest-signals logs --local --follow", "both functions' logs of `dev`, until Ctrl-C"],
    ["bavest-signals logs processing --stack prod --since 1h --filter error", "lines with error, any case"],
  ],
  tunnel: [
    ["bavest-signals tunnel --stack prod", "open a tunnel to the stack's Redis on a free port"],
    ["bavest-signals tunnel --stack prod --port 6380", "on a port of your choice"],
  ],
  synth: [
    ["bavest-signals synth --stack prod", "the resources the stack would create, as a tree"],
    ["bavest-signals synth --json > resources.json", "for review or a CI policy check"],
  ],
  configure: [
    ["bavest-signals configure --stack dev", "asks for what is missing (on a terminal)"],
    [
      'printf %s "$BAVEST_API_KEY" | bavest-signals configure --stack dev --symbols AAPL,MSFT --api-key-stdin',
      "in CI",
    ],
    ["bavest-signals configure --stack prod --shards 4 --history-retention-days 30", "change two settings"],
  ],
  deploy: [
    ["bavest-signals deploy --stack dev", "preview, cost estimate, confirm, deploy"],
    ["bavest-signals deploy --stack prod --yes --json", "in CI: no question, the result as JSON"],
  ],
  preflight: [
    [
      "bavest-signals preflight --stack prod",
      "ask the AWS account, read-only, whether the stack can be created",
    ],
    ["bavest-signals preflight --stack prod --json", "every check with its fix and doc link, for CI"],
  ],
  destroy: [
    ["bavest-signals destroy --stack dev", "type the stack name to confirm"],
    ["bavest-signals destroy --stack dev --yes --remove-stack", "also remove the stack and its config"],
  ],
  unlock: [["bavest-signals unlock --stack dev", "after an interrupted deploy, when no other one runs"]],
  invoke: [
    ["bavest-signals invoke ingestion --stack dev", "run ingestion once; its summary and log tail"],
    [
      "bavest-signals invoke processing --stack dev --fixture fixtures/replay/quotes.jsonl",
      "its batchItemFailures",
    ],
  ],
  plan: [["bavest-signals plan --stack prod", "the monthly cost and whether the workload fits"]],
  diff: [["bavest-signals diff --stack prod", "what a deploy would change"]],
  drift: [["bavest-signals drift --stack prod", "resources changed outside of deploys"]],
  redrive: [["bavest-signals redrive --local", "send the dead-lettered records again"]],
  watch: [
    ["bavest-signals watch --local", "signal changes as they happen"],
    [
      "bavest-signals watch AAPL --stack prod --json",
      "one symbol's changes in a stack, one JSON document a line",
    ],
  ],
};

/** The `Examples:` block of a command's help, in the form the CLI was started with. */
export function examplesHelp(name: string, invokedAs?: string): string | undefined {
  const examples = COMMAND_EXAMPLES[name];
  if (!examples || examples.length === 0) return undefined;
  const lines = examples.map(
    ([command, what]) => `  $ ${rewriteInvocation(command, invokedAs)}\n      ${what}`,
  );
  return `\nExamples:\n${lines.join("\n")}`;
}
