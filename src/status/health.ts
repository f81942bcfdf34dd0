import { formatAge } from "../lib/age.js";
import type {
  AlarmFacts,
  Health,
  IngestionFacts,
  ProcessingFacts,
  RedisFacts,
  StatusFacts,
  StatusReport,
  StreamFacts,
  Verdict,
} from "./types.js";

/**
 * Where healthy turns into degraded or failing: the one place these numbers live. Defaults
 * match the stack's alarms. Failing, besides these: Redis unreachable, a stuck shard, records
 * dead-lettered or every batch failed in the last 5 minutes, an ingestion run that wrote none of
 * its symbols, a backlog that grows while nothing is read.
 */
export interface HealthThresholds {
  iteratorAgeDegradedMs: number;
  /** The stack's iterator-age alarm fires at 5 minutes. */
  iteratorAgeFailingMs: number;
  memoryDegradedRatio: number;
  memoryFailingRatio: number;
  /** How late a scheduled ingestion run may be before it counts as overdue. */
  ingestionGraceMs: number;
}

export const DEFAULT_THRESHOLDS: HealthThresholds = {
  iteratorAgeDegradedMs: 60_000,
  iteratorAgeFailingMs: 300_000,
  memoryDegradedRatio: 0.75,
  memoryFailingRatio: 0.9,
  ingestionGraceMs: 60_000,
};

const RANK: Record<Health, number> = { healthy: 0, degraded: 1, failing: 2 };
const ok = (reason: string): Verdict => ({ health: "healthy", reason });
const degraded = (reason: string): Verdict => ({ health: "degraded", reason });
const failing = (reason: string): Verdict => ({ health: "failing", reason });

export function judgeIngestion(facts: IngestionFacts, now: number, t = DEFAULT_THRESHOLDS): Verdict {
  if (facts.lastRunOk === false) return failing(`the last run failed: ${facts.error ?? "unknown error"}`);
  if (facts.recordsWritten === 0 && (facts.symbolsFailed ?? 0) > 0)
    return failing(`the last run wrote none of its symbols (${facts.symbolsFailed} failed)`);
  if ((facts.symbolsFailed ?? 0) > 0)
    return degraded(`${facts.symbolsFailed} symbol(s) failed in the last run`);
  if (!facts.scheduled) return ok("not scheduled (records arrive by replay)");
  if (facts.nextRunAt !== null && Date.parse(facts.nextRunAt) + t.ingestionGraceMs < now) {
    return degraded(`the run due ${formatAge(now - Date.parse(facts.nextRunAt))} ago has not happened`);
  }
  if (facts.lastRunAt === null) {
    return facts.lookbackMs > (facts.everyMs ?? 0) + t.ingestionGraceMs
      ? degraded(`no run in the last ${formatAge(facts.lookbackMs)}`)
      : ok("waiting for the first run");
  }
  const written = facts.recordsWritten === null ? "" : `, wrote ${facts.recordsWritten} record(s)`;
  return ok(`last run ${formatAge(Math.max(0, now - Date.parse(facts.lastRunAt)))} ago${written}`);
}

export function judgeStream(facts: StreamFacts, t = DEFAULT_THRESHOLDS): Verdict {
  const age = Math.max(facts.iteratorAgeMs ?? 0, facts.backlogAgeMs ?? 0);
  const backlog = facts.backlog ?? 0;
  const waiting = backlog > 0 ? `, ${backlog} record(s) wait` : "";
  const lag = `processing lags ${formatAge(age)} behind${waiting}`;
  if (age >= t.iteratorAgeFailingMs) return failing(lag);
  const recent = facts.windows["5m"];
  const growing = facts.previousBacklog != null && backlog > facts.previousBacklog;
  if (growing && recent.out === 0) {
    return failing(
      `the backlog grows (${facts.previousBacklog} then ${backlog} records) and nothing is read`,
    );
  }
  if (age >= t.iteratorAgeDegradedMs) return degraded(lag);
  if (growing) return degraded(`the backlog grows: ${facts.previousBacklog} then ${backlog} records`);
  if (recent.in > 0 && recent.out === 0)
    return degraded(`${recent.in} record(s) arrived in 5 min, none read`);
  return ok(`keeping up (${recent.in} in, ${recent.out} out in 5 min)`);
}

export function judgeProcessing(facts: ProcessingFacts, now = Date.now()): Verdict {
  const unwritable = facts.writeFailures ?? [];
  if (unwritable.length > 0) {
    return failing(
      unwritable.map((f) => `cannot write ${f.file} (since ${f.since}): ${f.reason}`).join("; "),
    );
  }
  const stuck = facts.stuck ?? [];
  if (stuck.length > 0) {
    const what = stuck.map(
      (s) =>
        `${s.shardId} stuck for ${formatAge(Math.max(0, now - Date.parse(s.since)))} (since ${s.since}, ${s.attempts} attempts): ${s.reason}; its batch of ${s.records} record(s) and all after it wait`,
    );
    return failing(what.join("; "));
  }
  const deadLettered = facts.windows["5m"].deadLettered ?? 0;
  if (deadLettered === 0) return judgeBatches(facts);
  const held = Math.min(deadLettered, facts.recentDeadLettersHeld ?? deadLettered);
  if (held > 0) {
    const rest =
      held < deadLettered ? ` (${deadLettered - held} of them redriven since, ${held} still there)` : "";
    return failing(`${deadLettered} record(s) went to the dead letter in 5 min${rest}`);
  }
  // Redriven: the dead letter holds none of them any more, so they no longer fail the pipeline.
  const verdict = judgeBatches(facts);
  const resolved = `the ${deadLettered} record(s) dead-lettered in 5 min were redriven (none is left in the dead letter)`;
  return { ...verdict, reason: `${verdict.reason}; ${resolved}` };
}

/** Processing judged by its batches and what the dead letter holds, once nothing is stuck or newly dead-lettered. */
function judgeBatches(facts: ProcessingFacts): Verdict {
  const recent = facts.windows["5m"];
  if (recent.batches > 0 && recent.failedBatches === recent.batches) {
    return failing(`all ${recent.batches} batch(es) of the last 5 min failed`);
  }
  if (recent.failed > 0 || recent.failedBatches > 0) {
    return degraded(`${recent.failed} record failure(s) in ${recent.failedBatches} batch(es) in 5 min`);
  }
  if ((facts.deadLetters ?? 0) > 0) {
    const unit =
      facts.deadLetterUnit === "batches"
        ? "failed batch(es) in the failure bucket"
        : "record(s) on the dead letter";
    return degraded(`${facts.deadLetters} ${unit} (bavest-signals redrive sends them again)`);
  }
  if (recent.batches === 0) return ok("idle (no batch in 5 min)");
  return ok(`${recent.batches} batch(es) in 5 min, none failed`);
}

/** `local`: dev's own Redis, which must answer; a stack's may only be out of this machine's reach. */
export function judgeRedis(
  facts: RedisFacts,
  ingestion: IngestionFacts,
  t = DEFAULT_THRESHOLDS,
  local = false,
): Verdict {
  if (!facts.reachable)
    return (local ? failing : degraded)(`cannot read Redis: ${facts.error ?? "unreachable"}`);
  const used = facts.memoryUsedBytes ?? 0;
  const max = facts.memoryMaxBytes ?? 0;
  if (max > 0) {
    const share = `memory ${Math.round((used / max) * 100)}% of the node's capacity`;
    if (used / max >= t.memoryFailingRatio) return failing(share);
    if (used / max >= t.memoryDegradedRatio) return degraded(share);
  }
  const stale = ingestion.scheduled && ingestion.everyMs !== null ? 3 * ingestion.everyMs : null;
  if (stale !== null && facts.newestWriteAgeMs !== null && facts.newestWriteAgeMs > stale) {
    return degraded(`nothing written for ${formatAge(facts.newestWriteAgeMs)}`);
  }
  return ok(`${facts.symbols ?? 0} symbol(s), ${facts.keys ?? 0} key(s)`);
}

export function judgeAlarms(alarms: readonly AlarmFacts[]): Verdict {
  if (alarms.length === 0) return ok("no alarms found for this stack (alarms are off)");
  const firing = alarms.filter((alarm) => alarm.state === "ALARM");
  if (firing.length > 0) return failing(`in ALARM: ${firing.map((alarm) => alarm.name).join(", ")}`);
  const unknown = alarms.filter((alarm) => alarm.state !== "OK").length;
  return ok(
    unknown > 0 ? `${alarms.length} alarm(s), ${unknown} without data yet` : `${alarms.length} alarm(s) OK`,
  );
}

/** Judges every part and the whole: the whole is as bad as its worst part, with that part's reason. */
export function evaluateStatus(facts: StatusFacts, now: number, t = DEFAULT_THRESHOLDS): StatusReport {
  const parts = {
    ingestion: { ...facts.ingestion, ...judgeIngestion(facts.ingestion, now, t) },
    stream: { ...facts.stream, ...judgeStream(facts.stream, t) },
    processing: { ...facts.processing, ...judgeProcessing(facts.processing, now) },
    redis: { ...facts.redis, ...judgeRedis(facts.redis, facts.ingestion, t, facts.target === "local") },
    ...(facts.alarms ? { alarms: { alarms: facts.alarms, ...judgeAlarms(facts.alarms) } } : {}),
  };
  const verdicts = Object.entries(parts) as Array<[string, Verdict]>;
  const worst = verdicts.reduce(
    (a, b) => (RANK[b[1].health] > RANK[a[1].health] ? b : a),
    verdicts[0] as [string, Verdict],
  );
  const health = worst[1].health;
  const reason =
    health === "healthy"
      ? "every part is healthy"
      : verdicts
          .filter(([, verdict]) => verdict.health === health)
          .map(([name, verdict]) => `${name}: ${verdict.reason}`)
          .join("; ");
  return { target: facts.target, checkedAt: new Date(now).toISOString(), health, reason, ...parts };
}
