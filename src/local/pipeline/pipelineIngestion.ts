import { join } from "node:path";
import { INGESTION_ENV } from "../../core/lambdaEnvNames.js";
import { scheduledEvent } from "../../kinesis/event.js";
import { errorMessage } from "../../lib/errors.js";
import { baseQuotesFrom, LOCAL_API_KEY, SAMPLE_FIXTURE, startFakeBavest } from "../servers/fakeBavest.js";
import { ingestionEnv } from "./lambdaEnv.js";
import { type LambdaHostOptions, startLambdaHost } from "./lambdaHost.js";
import { FUNCTION_NAMES, FUNCTION_TIMEOUT_MS, type LocalPipelineOptions } from "./pipelineOptions.js";
import { startSchedule } from "./scheduler.js";

export interface RunningIngestion {
  apiUrl: string;
  symbols: string[];
  stop(): Promise<void>;
}

const STOP_WAIT_MS = 1_000;

/**
 * Starts the Bavest stand-in (unless --live-api) and, unless ingestion is off, the ingestion
 * function on its schedule. The stand-in runs either way so `outputs --local` can name it.
 */
export async function startIngestion(
  options: LocalPipelineOptions,
  where: { kinesisEndpoint: string; runDir: string; logGuard?: LambdaHostOptions["logGuard"] },
): Promise<RunningIngestion> {
  const fake = options.liveApi ? undefined : await startFakeBavest(options.fakeApi);
  const apiUrl = options.liveApi?.url ?? fake?.url ?? "";
  // The documented default watchlist, the fixture's symbols, also when the live API serves them.
  const symbols = options.symbols ?? fake?.symbols ?? [...(await baseQuotesFrom(SAMPLE_FIXTURE)).keys()];
  const stopFake = async () => fake?.stop();
  if (options.ingestEveryMs === null) return { apiUrl, symbols, stop: stopFake };
  try {
    const host = await startLambdaHost({
      name: "ingestion",
      functionName: FUNCTION_NAMES.ingestion,
      env: {
        ...ingestionEnv({
          functionName: FUNCTION_NAMES.ingestion,
          region: options.region,
          streamName: options.streamName,
          kinesisEndpoint: where.kinesisEndpoint,
          apiUrl,
          apiKey: options.liveApi?.key ?? LOCAL_API_KEY,
          symbols,
          requestsPerSecond: options.requestsPerSecond,
          parent: options.env,
        }),
        ...(options.apiVersion ? { [INGESTION_ENV.apiVersion]: options.apiVersion } : {}),
      },
      logFile: join(where.runDir, "ingestion.log"),
      ...(where.logGuard ? { logGuard: where.logGuard } : {}),
      region: options.region,
      timeoutMs: FUNCTION_TIMEOUT_MS,
    });
    const schedule = startSchedule(async () => {
      try {
        const summary = await host.invoke(
          scheduledEvent(options.region, new Date(), {
            ruleName: "bavest-signals-local-schedule",
            id: crypto.randomUUID(),
          }),
        );
        options.listener?.onIngestion?.({ ok: true, summary });
      } catch (error) {
        options.listener?.onIngestion?.({
          ok: false,
          error: errorMessage(error),
        });
      }
    }, options.ingestEveryMs);
    const stop = async () => {
      await Promise.race([
        schedule.stop(),
        new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref()),
      ]);
      await host.stop();
      await stopFake();
    };
    return { apiUrl, symbols, stop };
  } catch (error) {
    await stopFake();
    throw error;
  }
}
