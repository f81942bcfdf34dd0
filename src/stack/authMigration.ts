import { STACK_OUTPUTS } from "../core/stackOutputs.js";
import { SECRET_KEYS } from "./configFields.js";

/**
 * Where a stack is in its move from an AUTH token to IAM authentication, as `deploy` says it
 * after the update, read from the stack's outputs (`redis_auth_mode`): lines to print (a blank one
 * first), none when the stack is not half-way. Pure: no Pulumi SDK.
 *
 * Step 1 (the token still in config): a `default` user holding the token next to the IAM user,
 * the token itself deleted from the cache, the processing function moved to IAM tokens once the
 * cache accepts them. Step 2 (after `pulumi config rm ...redisAuthToken`): the password user
 * leaves the group and is deleted. Each deploy on its own leaves every client working.
 */
export function redisAuthMigrationLines(outputs: Record<string, unknown>, stack: string): string[] {
  if (outputs[STACK_OUTPUTS.redisAuthMode] !== "iam+token") return [];
  return [
    "",
    "Redis authentication: step 1 of 2 done. The cache takes IAM tokens, and the old AUTH token",
    "still works (a `default` user holds it) for clients that have not moved yet.",
    "Step 2, once nothing else uses the token, removes it for good:",
    `  pulumi config rm ${SECRET_KEYS.redisAuthToken} --stack ${stack} && bavest-signals deploy --stack ${stack}`,
  ];
}
