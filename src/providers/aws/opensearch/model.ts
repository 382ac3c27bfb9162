/** OpenSearch and Elasticsearch domains: encryption, the HTTPS endpoint, software updates, the master user. */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';
import type { Secret } from '../secrets';
import type { Switch } from '../switch';
import type { UpdateSwitch } from '../updates';

export const DOMAIN_TYPES = ['aws_opensearch_domain', 'aws_elasticsearch_domain'] as const;

/** The TLS security policy AWS applies to a domain endpoint when none is set. */
export const DEFAULT_TLS_SECURITY_POLICY = 'Policy-Min-TLS-1-0-2019-07';

/** A written `domain_endpoint_options` block. */
export interface EndpointOptions {
  /** The block's path: `domain_endpoint_options.0`. */
  path: string;
  /** Why the block is not known statically (a dynamic block over an unknown). */
  unknownReason?: string;
  /** `enforce_https`, default true (only when the block is written). */
  enforceHttps: Val<boolean>;
}

/** What AWS says about a TLS security policy name it knows. */
export interface TlsPolicyFacts {
  /** `TLS 1.0`. */
  minimum: string;
  tls12Plus: boolean;
}

export class Domain extends ModelResource {
  /** `encrypt_at_rest.enabled`, default false. */
  encryptAtRest!: Switch;
  /** `domain_endpoint_options`, when written. */
  endpoint?: EndpointOptions;
  /** `domain_endpoint_options.tls_security_policy`; omitted: AWS applies `DEFAULT_TLS_SECURITY_POLICY`. */
  tlsPolicy!: Val<string>;
  /** The policy's minimum TLS version, when it is a policy AWS publishes. */
  tlsPolicyFacts?: TlsPolicyFacts;
  /** `software_update_options.auto_software_update_enabled`, default false (OpenSearch only). */
  softwareUpdate?: UpdateSwitch;
  /** A written master user password. */
  secrets!: Secret[];
}

export interface OpenSearchModel {
  /** OpenSearch domains, then legacy Elasticsearch domains. */
  domains: Domain[];
}
