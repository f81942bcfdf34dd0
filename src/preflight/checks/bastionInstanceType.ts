import {
  DescribeAvailabilityZonesCommand,
  DescribeInstanceTypeOfferingsCommand,
  type Filter,
} from "@aws-sdk/client-ec2";
import { resourcesOfType } from "../programNeeds.js";
import type { PreflightCheck, PreflightContext } from "../types.js";

const ZONES_CALL = "aws:index/getAvailabilityZones:getAvailabilityZones";

/**
 * The zones the program's network asks for, with the very filters it passes to
 * getAvailabilityZones; it puts the bastion's public subnet in the first one (src/stack/components/network.ts).
 */
async function programZones(context: PreflightContext): Promise<string[] | undefined> {
  const call = context.calls.find((item) => item.token === ZONES_CALL);
  if (!call) return undefined;
  const filters = ((call.inputs.filters as { name: string; values: string[] }[] | undefined) ?? []).map(
    (filter): Filter => ({ Name: filter.name, Values: filter.values }),
  );
  const state = call.inputs.state;
  if (typeof state === "string") filters.push({ Name: "state", Values: [state] });
  const answer = await context.aws.ec2.send(new DescribeAvailabilityZonesCommand({ Filters: filters }));
  return (answer.AvailabilityZones ?? [])
    .map((zone) => zone.ZoneName ?? "")
    .filter(Boolean)
    .sort();
}

/**
 * The bastion's instance type is offered in the zone it will be launched in.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html
 */
export const bastionInstanceTypeCheck: PreflightCheck = {
  id: "bastion-instance-type",
  actions: ["ec2:DescribeAvailabilityZones", "ec2:DescribeInstanceTypeOfferings"],
  doc: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html",
  async run(context) {
    const instance = resourcesOfType(context.resources, "aws:ec2/instance:Instance")[0];
    if (!instance) return { ok: true, detail: "the program creates no bastion" };
    const instanceType = String(instance.inputs.instanceType);
    const zones = await programZones(context);
    if (!zones)
      return {
        ok: true,
        detail: `skipped: the bastion goes into an existing subnet; its zone was not asked`,
      };
    const answer = await context.aws.ec2.send(
      new DescribeInstanceTypeOfferingsCommand({
        LocationType: "availability-zone",
        Filters: [{ Name: "instance-type", Values: [instanceType] }],
      }),
    );
    const offeredIn = new Set((answer.InstanceTypeOfferings ?? []).map((offering) => offering.Location));
    const zone = zones[0];
    if (zone && offeredIn.has(zone)) return { ok: true, detail: `${instanceType} is offered in ${zone}` };
    return {
      ok: false,
      detail: `${instanceType} is not offered in ${zone ?? "any usable zone"} (offered in: ${[...offeredIn].sort().join(", ") || "none"})`,
      fix: `Deploy without the bastion (bavest-signals configure --stack ${context.stack} --bastion false) or to another region.`,
    };
  },
};
