import { Redis } from "ioredis";
import { startRedis } from "../test/helpers/redis.js";
import { startLatencyProxy } from "./latencyProxy.js";
import {
  type ProcessingRates,
  type ProcessingScenario,
  scenarioLabel,
  scenarioRows,
} from "./processingRows.js";
import {
  COMMANDS_PER_RECORD,
  type Handler,
  loadBundledHandler,
  medianRoundTripMs,
  naiveStore,
  pipelinedSets,
  prebuiltRounds,
  runBatches,
  sampleSignalJson,
} from "./processingWork.js";
import { type BenchRow, medianRate, timeInterleaved } from "./stats.js";

const PINGS = 200;
const CEILING_SETS = 20_000;
/** Added each way by the proxy: ElastiCache across a VPC answers in 0.3-1 ms. */
const NETWORK_DELAY_MS = 0.5;
/** Awaited SETs cost two round trips a record: a bounded count keeps the run short. */
const NETWORK_NAIVE_RECORDS = 500;
/** Network observations come after every loopback one, so each is still the newest of its symbol. */
const NETWORK_FIRST_OBSERVATION = 1_000_000;

interface Sizes {
  handlerRecords: number;
  naiveRecords: number;
  repetitions: number;
}

/**
 * Times the handler (batches of 100 and of 1,000) and the naive baseline against one Redis in
 * interleaved rounds. Events are built before any timing: encoding records is Kinesis' work.
 */
async function timeContenders(
  handler: Handler,
  redis: Redis,
  first: number,
  sizes: Sizes,
  extra: Record<string, () => Promise<void>> = {},
): Promise<{ rates: ProcessingRates; durations: Record<string, number[]> }> {
  const rounds = sizes.repetitions + 1;
  const { handlerRecords, naiveRecords } = sizes;
  const batches100 = prebuiltRounds(first, rounds, handlerRecords, 100);
  const batches1000 = prebuiltRounds(first + rounds * handlerRecords, rounds, handlerRecords, 1_000);
  const naiveEvents = prebuiltRounds(first + 2 * rounds * handlerRecords, rounds, naiveRecords, naiveRecords);
  const durations = await timeInterleaved(
    {
      batch100: () => runBatches(handler, batches100.shift() ?? []),
      batch1000: () => runBatches(handler, batches1000.shift() ?? []),
      naive: () => naiveStore(redis, naiveEvents.shift()?.[0] ?? { Records: [] }),
      ...extra,
    },
    sizes.repetitions,
  );
  const rates = {
    batch100: medianRate(handlerRecords, durations.batch100 ?? []),
    batch1000: medianRate(handlerRecords, durations.batch1000 ?? []),
    naive: medianRate(naiveRecords, durations.naive ?? []),
  };
  return { rates, durations };
}

/** Redis on loopback, as close as it gets: the handler against the naive baseline and the ceiling. */
async function loopbackRows(redisPort: number, quick: boolean): Promise<BenchRow[]> {
  const records = quick ? 1_000 : 2_000;
  const sizes = { handlerRecords: records, naiveRecords: records, repetitions: quick ? 3 : 7 };
  const redis = new Redis(redisPort, "127.0.0.1");
  try {
    const handler = await loadBundledHandler(redisPort);
    const roundTripMs = await medianRoundTripMs(redis, PINGS);
    const signalSized = sampleSignalJson();
    let round = 0;
    const ceiling = async () => pipelinedSets(redis, CEILING_SETS, round++, signalSized);
    const { rates, durations } = await timeContenders(handler, redis, 0, sizes, { ceiling });
    const scenario: ProcessingScenario = {
      label: scenarioLabel("loopback", roundTripMs),
      roundTripMs,
      roundTripNote: `${PINGS} PINGs straight to redis-server on 127.0.0.1`,
    };
    const setsPerSecond = medianRate(CEILING_SETS, durations.ceiling ?? []);
    return scenarioRows(scenario, rates, { setsPerSecond, commandsPerRecord: COMMANDS_PER_RECORD });
  } finally {
    redis.disconnect();
  }
}

/** The same Redis behind a proxy that adds NETWORK_DELAY_MS each way: the production distance. */
async function networkRows(redisPort: number, quick: boolean): Promise<BenchRow[]> {
  const sizes = {
    handlerRecords: quick ? 1_000 : 2_000,
    naiveRecords: NETWORK_NAIVE_RECORDS,
    repetitions: quick ? 3 : 7,
  };
  const proxy = await startLatencyProxy({ targetPort: redisPort, delayMs: NETWORK_DELAY_MS });
  const redis = new Redis(proxy.port, "127.0.0.1");
  try {
    const handler = await loadBundledHandler(proxy.port);
    const roundTripMs = await medianRoundTripMs(redis, PINGS);
    const { rates } = await timeContenders(handler, redis, NETWORK_FIRST_OBSERVATION, sizes);
    const scenario: ProcessingScenario = {
      label: scenarioLabel("network", roundTripMs),
      roundTripMs,
      roundTripNote: `${PINGS} PINGs through bench/latencyProxy.ts on 127.0.0.1, which holds every chunk ${NETWORK_DELAY_MS} ms in each direction (in order); production ElastiCache across a VPC: 0.3-1 ms`,
      naiveNote: `${NETWORK_NAIVE_RECORDS} records a round (two awaited round trips each), handler ${sizes.handlerRecords.toLocaleString("en-US")}`,
    };
    return scenarioRows(scenario, rates);
  } finally {
    redis.disconnect();
    await proxy.stop();
  }
}

/**
 * Processing throughput of the bundled handler into a real redis-server, for batches of 100 and
 * 1,000 records, against the naive per-record baseline (and, on loopback, the pipelined-SET
 * ceiling), all measured in interleaved rounds of the same run: once with Redis on loopback and
 * once behind a proxy that adds about a network round trip.
 */
export async function benchProcessing(options: { quick: boolean }): Promise<BenchRow[]> {
  const server = await startRedis();
  try {
    const loopback = await loopbackRows(server.port, options.quick);
    const network = await networkRows(server.port, options.quick);
    return [...loopback, ...network];
  } finally {
    await server.stop();
  }
}
