import { type _InstanceType, DescribeImagesCommand, DescribeInstanceTypesCommand } from "@aws-sdk/client-ec2";
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { isFault } from "../awsErrors.js";
import { resourcesOfType } from "../programNeeds.js";
import type { PreflightCheck, PreflightContext } from "../types.js";

const RESOLVE_SSM = "resolve:ssm:";
const PARAMETER_CALL = "aws:ssm/getParameter:getParameter";

/** The SSM parameter the program takes the bastion's image from: in its `ami`, or the lookup it calls. */
function imageParameter(context: PreflightContext, ami: unknown): string | undefined {
  if (typeof ami === "string" && ami.startsWith(RESOLVE_SSM)) return ami.slice(RESOLVE_SSM.length);
  const call = context.calls.find((item) => item.token === PARAMETER_CALL);
  return typeof call?.inputs.name === "string" ? call.inputs.name : undefined;
}

/**
 * The image parameter resolves (`ssm:GetParameter`) to an image that exists (`ec2:DescribeImages`)
 * for an architecture the instance type runs (`ec2:DescribeInstanceTypes`).
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-ami.html
 */
export const bastionImageCheck: PreflightCheck = {
  id: "bastion-image",
  actions: ["ssm:GetParameter", "ec2:DescribeImages", "ec2:DescribeInstanceTypes"],
  doc: "https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-ami.html",
  async run(context) {
    const instance = resourcesOfType(context.resources, "aws:ec2/instance:Instance")[0];
    if (!instance) return { ok: true, detail: "the program creates no bastion" };
    const name = imageParameter(context, instance.inputs.ami);
    if (!name)
      return {
        ok: true,
        detail: `the bastion's image is fixed (${String(instance.inputs.ami)}): nothing to resolve`,
      };
    let imageId: string | undefined;
    try {
      imageId = (await context.aws.ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
    } catch (error) {
      if (!isFault(error, "ParameterNotFound")) throw error;
    }
    if (!imageId) {
      return {
        ok: false,
        detail: `the parameter ${name} does not exist in ${context.config.region}`,
        fix: BASTION_FIX(context.stack),
      };
    }
    const instanceType = String(instance.inputs.instanceType);
    const [images, types] = await Promise.all([
      context.aws.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] })),
      context.aws.ec2.send(
        new DescribeInstanceTypesCommand({ InstanceTypes: [instanceType as _InstanceType] }),
      ),
    ]);
    const image = images.Images?.[0];
    const architectures = types.InstanceTypes?.[0]?.ProcessorInfo?.SupportedArchitectures ?? [];
    if (image?.State !== "available") {
      return {
        ok: false,
        detail: `${name} names ${imageId}, which is not an available image here`,
        fix: BASTION_FIX(context.stack),
      };
    }
    const architecture = String(image.Architecture);
    if (!architectures.some((item) => String(item) === architecture)) {
      return {
        ok: false,
        detail: `${imageId} is ${architecture}; ${instanceType} runs ${architectures.join(", ") || "nothing known"}`,
        fix: BASTION_FIX(context.stack),
      };
    }
    return { ok: true, detail: `${name} resolves to ${imageId} (${architecture}, ${instanceType} runs it)` };
  },
};

const BASTION_FIX = (stack: string) =>
  `Deploy without the bastion (bavest-signals configure --stack ${stack} --bastion false) and report the image parameter that no longer resolves.`;
