import { Logger } from "@aws-lambda-powertools/logger";
import { createProcessingHandler } from "./handler.js";
import { createRedisClient } from "./redisClient.js";
import { readProcessingSettings, readRedisSettings } from "./settings.js";

// Cold start: settings are validated and the Redis client is created once per container.
// Code that wants the handler without reading the environment imports ./handler.js instead.
const logger = new Logger({ serviceName: "bavest-processing" });
const redis = createRedisClient(readRedisSettings(process.env));
redis.on("error", (error: Error) => logger.warn("Redis connection error", { error: error.message }));

/** The Lambda entry point (also callable outside Lambda: the context argument is optional). */
export const handler = createProcessingHandler({
  redis,
  logger,
  settings: readProcessingSettings(process.env),
});
