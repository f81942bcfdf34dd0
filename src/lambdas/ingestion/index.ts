import { Logger } from "@aws-lambda-powertools/logger";
import { INGESTION_ENV } from "../../core/lambdaEnvNames.js";
import { createKinesisClient } from "../../kinesis/kinesisClient.js";
import { emfMetrics, withIngestionMetrics } from "../shared/metrics.js";
import { createIngestionHandler } from "./handler.js";
import { readApiKeySource, readIngestionSettings } from "./settings.js";

// Cold start: settings are validated and clients created once per container. Code that wants
// the handler without reading the environment imports ./handler.js instead.
const logger = new Logger({ serviceName: "bavest-ingestion" });
const settings = { ...readIngestionSettings(process.env), apiKey: readApiKeySource(process.env) };
const kinesis = createKinesisClient({ endpoint: process.env[INGESTION_ENV.kinesisEndpoint] || undefined });

/** The Lambda entry point, run by the schedule. */
export const handler = withIngestionMetrics(
  createIngestionHandler({ kinesis, settings, logger }),
  emfMetrics("ingestion"),
);
