import { Logger } from "@aws-lambda-powertools/logger";
import { environmentCredentials, signIamAuthToken } from "../shared/iamAuthToken.js";
import { emfMetrics, processingMetricValues } from "../shared/metrics.js";
import { createProcessingHandler, type ProcessingHandler } from "./handler.js";
import { createIamRedisSession, createRedisClient, type RedisSession } from "./redisClient.js";
import { readProcessingSettings, readRedisSettings } from "./settings.js";

// Cold start: settings are validated and the Redis client is created once per container.
// Code that wants the handler without reading the environment imports ./handler.js instead.
const logger = new Logger({ serviceName: "bavest-processing" });
const redisSettings = readRedisSettings(process.env);
const session: RedisSession = redisSettings.iam
  ? createIamRedisSession(redisSettings, {
      // Signed locally with the function role's credentials: no network call, no secret.
      sign: async (now) =>
        signIamAuthToken(
          redisSettings.iam as NonNullable<typeof redisSettings.iam>,
          await environmentCredentials()(),
          now,
        ),
    })
  : { redis: createRedisClient(redisSettings), refresh: async () => {} };
session.redis.on("error", (error: Error) => logger.warn("Redis connection error", { error: error.message }));
const publishMetrics = emfMetrics("processing");

const processBatch = createProcessingHandler({
  redis: session.redis,
  logger,
  settings: readProcessingSettings(process.env),
  onBatch: (counts) => publishMetrics(processingMetricValues(counts)),
});

/** The Lambda entry point (also callable outside Lambda: the context argument is optional). */
export const handler: ProcessingHandler = async (event, context) => {
  await session.refresh();
  return processBatch(event, context);
};
