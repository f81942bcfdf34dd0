import { type EvaluationResult, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { isAccessDenied, isFault } from "../awsErrors.js";
import { grantsFor } from "../createActions.js";
import type { PreflightCheck, PreflightContext } from "../types.js";

/**
 * The policy source IAM simulates: a role for an assumed-role session
 * (`arn:aws:sts::123:assumed-role/Name/session` -> `arn:aws:iam::123:role/Name`), else the user.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
export function policySourceArn(callerArn: string): string {
  const assumed = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(callerArn);
  return assumed ? `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}` : callerArn;
}

async function simulate(context: PreflightContext, source: string, actions: string[], resource: string) {
  const results: EvaluationResult[] = [];
  let marker: string | undefined;
  do {
    const page = await context.aws.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: source,
        ActionNames: actions,
        ResourceArns: [resource],
        Marker: marker,
      }),
    );
    results.push(...(page.EvaluationResults ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return results;
}

/**
 * The deploying principal may call every create action of every resource type the synthesized
 * program declares (the table in createActions.ts). Where simulation itself is refused, the
 * check says so and passes: the deploy will tell.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
 */
export const permissionsCheck: PreflightCheck = {
  id: "permissions",
  actions: ["iam:SimulatePrincipalPolicy"],
  doc: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html",
  async run(context) {
    const identity = await context.callerIdentity();
    const { grants, unknownTypes } = grantsFor(
      context.resources.map((resource) => resource.type),
      { region: context.config.region, account: identity.account },
    );
    if (unknownTypes.length > 0) {
      return {
        ok: false,
        detail: `no create actions known for ${unknownTypes.join(", ")}`,
        fix: "Add the types to src/preflight/createActions.ts (their create calls and ARN), or pass --skip-preflight.",
      };
    }
    const source = policySourceArn(identity.arn);
    const denied: string[] = [];
    try {
      for (const grant of grants) {
        for (const result of await simulate(context, source, [...grant.actions], grant.resource)) {
          if (result.EvalDecision !== "allowed")
            denied.push(`${result.EvalActionName} on ${grant.resource} (${result.EvalDecision})`);
        }
      }
    } catch (error) {
      if (!isAccessDenied(error) && !isFault(error, "InvalidInput", "InvalidInputException")) throw error;
      return {
        ok: true,
        detail: `skipped: IAM would not simulate ${source} (${(error as Error).name}); the deploy itself will show a missing permission`,
      };
    }
    const actionCount = grants.reduce((sum, grant) => sum + grant.actions.length, 0);
    if (denied.length === 0)
      return { ok: true, detail: `${source} may call all ${actionCount} create actions the program needs` };
    return {
      ok: false,
      detail: `${source} may not call: ${denied.join("; ")}`,
      fix: "Grant the deploying principal these actions (or run as one that has them), then run preflight again.",
    };
  },
};
