/** API Gateway: custom domain names and the TLS security policy their endpoints negotiate. */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';

export const REST_DOMAIN_TYPES = ['aws_api_gateway_domain_name'] as const;
export const V2_DOMAIN_TYPES = ['aws_apigatewayv2_domain_name'] as const;

/** A security policy name and what the predefined policy of that name accepts. */
export interface SecurityPolicy {
  name: Val<string>;
  /** The lowest protocol the named predefined policy accepts, as messages show it (`TLS 1.0`); undefined for a name not in the table. */
  minVersion?: string;
  /** The lowest protocol is TLS 1.2 or newer (undefined with `minVersion`). */
  tls12Plus?: boolean;
}

/** REST API (v1) custom domain name. */
export class RestDomainName extends ModelResource {
  /** `security_policy`, default `TLS_1_0`. */
  securityPolicy!: SecurityPolicy;
}

/** One `domain_name_configuration` block of a v2 domain name. */
export interface V2DomainConfiguration {
  /** `domain_name_configuration.0` */
  path: string;
  /** The block itself, unknown when a dynamic block or a plan value is not known statically. */
  block: Val<unknown>;
  /** `security_policy`, required by the provider (no default). */
  securityPolicy: SecurityPolicy;
  /** Why the configuration cannot be applied when `security_policy` is missing. */
  missingPolicy?: string;
}

/** HTTP/WebSocket API (v2) custom domain name. */
export class V2DomainName extends ModelResource {
  configurations!: V2DomainConfiguration[];
  /** Why the configuration cannot be applied when it has no `domain_name_configuration`. */
  missingConfiguration?: string;
}

export interface ApiGatewayModel {
  restDomainNames: RestDomainName[];
  v2DomainNames: V2DomainName[];
}
