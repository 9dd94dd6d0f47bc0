/**
 * An HTTP function's routes on the stage's API: every manifest route targets the `live` alias,
 * behind the JWT authorizer unless it is public, each protected path with an open CORS preflight.
 */
import { Validations } from 'aws-cdk-lib';
import {
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IAlias } from 'aws-cdk-lib/aws-lambda';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { routeKeyOf, type HttpFunctionSpec, type RouteSpec } from '@peer-rewards/platform-manifest';
import type { StageConfig } from '../config/stages';
import { ssmParameterNames } from '../ssm-parameters';

/** The function's routes on the stage's API, found by id in SSM; all target the alias. */
export const attachRoutes = (
  scope: Construct,
  config: StageConfig,
  spec: HttpFunctionSpec,
  alias: IAlias,
): void => {
  const names = ssmParameterNames(config.stage);
  const httpApi = HttpApi.fromHttpApiAttributes(scope, 'Api', {
    httpApiId: StringParameter.valueForStringParameter(scope, names.apiId),
  });
  const jwt = HttpAuthorizer.fromHttpAuthorizerAttributes(scope, 'JwtAuthorizer', {
    authorizerId: StringParameter.valueForStringParameter(scope, names.authorizerId),
    authorizerType: HttpAuthorizerType.JWT,
  });
  const integration = new HttpLambdaIntegration('AliasIntegration', alias);

  for (const route of spec.routes) {
    const authorizer: IHttpRouteAuthorizer = route.public ? new HttpNoneAuthorizer() : jwt;
    const httpRoute = new HttpRoute(scope, routeConstructId(route), {
      httpApi,
      routeKey: routeKeyFor(route),
      integration,
      authorizer,
    });
    if (route.public) {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${routeKeyOf(route)} is public by design: liveness, the API description, the 404 for unknown paths, or requests the function authenticates itself (Slack's signed commands).`,
      });
      continue;
    }
    // An ANY route also catches the browser's CORS preflight, which never carries a token:
    // behind the JWT authorizer it would get a 401 and the browser would block the real call.
    // A more specific OPTIONS route without authorizer lets the preflight through.
    const preflight = new HttpRoute(scope, `Preflight${routeConstructId(route)}`, {
      httpApi,
      routeKey: preflightRouteKeyFor(route),
      integration,
      authorizer: new HttpNoneAuthorizer(),
    });
    Validations.of(preflight).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'CORS preflight: browsers send OPTIONS without credentials by specification; the function answers it without reading data.',
    });
  }
};

/** The manifest's route key as an API Gateway route key; they must agree character for character. */
export const routeKeyFor = (route: RouteSpec): HttpRouteKey => {
  const key =
    route.path === '$default'
      ? HttpRouteKey.DEFAULT
      : HttpRouteKey.with(route.path, HttpMethod.ANY);
  if (key.key !== routeKeyOf(route)) {
    throw new Error(
      `Route key mismatch for ${route.path}: "${key.key}" vs "${routeKeyOf(route)}".`,
    );
  }
  return key;
};

/** The route that carries the CORS preflight of a protected path. */
export const preflightRouteKeyFor = (route: RouteSpec): HttpRouteKey => {
  if (route.path === '$default') throw new Error('$default needs no preflight route.');
  return HttpRouteKey.with(route.path, HttpMethod.OPTIONS);
};

/** A stable construct id per path: `/users/{username}` → `RouteUsersUsername`. */
const routeConstructId = (route: RouteSpec): string => {
  if (route.path === '$default') return 'RouteDefault';
  const words = route.path.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  return `Route${words.map((word) => word[0].toUpperCase() + word.slice(1)).join('')}`;
};
