/**
 * TG-NET-001: data stores are not reachable from the internet. Two parts per data store: its public
 * access switch (`publicly_accessible`, with the provider default) and where its subnets are (the model
 * follows subnet groups, inherited ones and `vpc_options`; a store without subnets lands in the default
 * VPC, which counts as private only as the profile's `default_vpc_is_private` allows).
 */
import { DEFAULT_VPC_IS_PRIVATE } from '../../src/rules/parameters';
import { PLACED_STORE_TYPES } from '../../src/providers/aws/vpc/data-stores';
import type { Placement, SubnetExposure } from '../../src/providers/aws/vpc/model';
import { defaultVpcExposure } from '../../src/providers/aws/vpc/subnets';
import type { Val } from '../../src/providers/val';
import { combineParts } from '../../src/rules/context';
import { ResultPart, Rule } from '../../src/rules/types';

const SWITCH = 'publicly_accessible';
const statusOf = (ex: SubnetExposure): ResultPart['status'] => (ex.status === 'public' ? 'fail' : ex.status === 'private' ? 'pass' : 'unknown');

function publicAccessPart(val: Val<boolean>): ResultPart {
  const attribute = val.present ? SWITCH : undefined;
  if (val.is(true) === true) return { name: SWITCH, status: 'fail', message: `the data store is publicly accessible: ${val.describe()}`, attribute };
  if (val.is(false) === true) return { name: SWITCH, status: 'pass', message: val.describe(), attribute };
  return { name: SWITCH, status: 'unknown', message: `${SWITCH} is not known statically: ${val.describe()}`, attribute: SWITCH };
}

/** Where the data store's subnets are, and whether any is public. */
function placementPart(placement: Placement, defaultVpcIsPrivate: boolean, publicSwitch: Val<boolean> | undefined): ResultPart {
  switch (placement.kind) {
    case 'public-endpoint':
      return { name: 'subnets', status: 'fail', message: 'no vpc_options block: the domain gets a public endpoint reachable from the internet (only its access policy restricts it)' };
    case 'unknown':
      return { name: 'subnets', status: 'unknown', message: placement.reason, attribute: placement.attribute };
    case 'default-vpc': {
      const state = publicSwitch && { name: SWITCH, present: publicSwitch.present, value: publicSwitch.value, unknownReason: publicSwitch.known ? undefined : publicSwitch.reason };
      const ex = defaultVpcExposure(defaultVpcIsPrivate, placement.missing, state);
      return { name: 'subnets', status: statusOf(ex), message: ex.reason, attribute: placement.attribute };
    }
    case 'subnets': {
      const { exposure: ex, group, via } = placement;
      const at = group?.locationOf('subnet_ids');
      const subject = group ? `subnet group ${group.address}${at ? ` (${at.file}:${at.startLine})` : ''}${via ? ` (of ${via})` : ''}` : 'vpc_options.subnet_ids';
      const lead = ex.status === 'public' ? 'includes a public subnet' : ex.status === 'unknown' ? 'is not known to be private' : 'is private';
      return { name: 'subnets', status: statusOf(ex), message: `${subject} ${lead}: ${ex.reason}`, attribute: placement.attribute };
    }
  }
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-001',
    title: 'Data stores are not reachable from the internet',
    claim: 'network-private',
    severity: 'critical',
    parameters: [DEFAULT_VPC_IS_PRIVATE],
    fix: 'set publicly_accessible = false and use a subnet group of private subnets only',
    appliesTo: PLACED_STORE_TYPES,
    messages: { parts: '{{parts}}' },
  },

  check({ aws, params, report }) {
    return aws.vpc.dataStores.flatMap((store) => {
      if (!store.placement) return [];
      const parts: ResultPart[] = [];
      // publicly_accessible first: when both fail, the finding points at the switch the user set.
      if (store.publiclyAccessible) parts.push(publicAccessPart(store.publiclyAccessible));
      parts.push(placementPart(store.placement, DEFAULT_VPC_IS_PRIVATE.of(params), store.publiclyAccessible));
      const { status, deciding } = combineParts(parts);
      // A pass names every part; a fail or unknown points at the first deciding part (a lone passing part too).
      const attribute = status === 'pass' && parts.length > 1 ? undefined : deciding[0].attribute;
      return [report(status, store, 'parts', { parts: deciding.map((p) => p.message).join('; ') }, attribute, parts)];
    });
  },
};
