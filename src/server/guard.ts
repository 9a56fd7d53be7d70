/**
 * The read scope, enforced on every object the schema returns, whatever path reached it (a
 * wrapper installed on the built schema, so a new Person field cannot forget it). Resolvers still check their
 * root arguments and filter lists (`ctx.scope`), but a Person or Household that slips through a
 * nested field (a policy's holder, an inviter, a referral root, a relative's household) shows
 * nothing the caller may not read:
 * - a Person outside the caller's scope shows only its `oneId` (and `__typename`): nullable
 *   fields are null, lists are empty, `gender` is UNKNOWN, other non-null fields answer FORBIDDEN;
 * - a Household outside the caller's scope is null where nullable, FORBIDDEN otherwise.
 * ADMIN and INGEST are unrestricted and skip the checks.
 */
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  GraphQLFieldResolver,
  GraphQLOutputType,
  GraphQLSchema,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { forbidden } from '../errors';
import type { Context } from '../graphql/context';

/** Fields of an out-of-scope Person that stay visible. */
const OPEN_PERSON_FIELDS = new Set(['oneId', '__typename']);

function emptyPersonField(fieldName: string, type: GraphQLOutputType): unknown {
  if (isListType(getNullableType(type))) return [];
  if (!isNonNullType(type)) return null;
  if (fieldName === 'gender') return 'UNKNOWN';
  throw forbidden();
}

type Resolve = GraphQLFieldResolver<unknown, Context>;

/**
 * Wrap one field's resolver with the read-scope check (see the file header). What the
 * request already knows to be readable (unrestricted callers, ids a page statement vouched
 * for) passes synchronously: no promise per field on the hot path.
 */
function guarded(resolve: Resolve): Resolve {
  return (root, args, context, info) => {
    const scope = context?.scope;
    if (!scope || !context.principal || scope.unrestricted) return resolve(root, args, context, info);
    const returnsHousehold = getNamedType(info.returnType).name === 'Household' && !isListType(getNullableType(info.returnType));
    // A field returning one Household (Person.household included) also checks the household.
    const run = (): unknown => (returnsHousehold ? checkedHousehold(resolve(root, args, context, info), scope, info) : resolve(root, args, context, info));
    if (info.parentType.name === 'Person' && !OPEN_PERSON_FIELDS.has(info.fieldName)) {
      const oneId = (root as { oneId?: unknown } | null)?.oneId;
      if (typeof oneId === 'string' && scope.readsPersonNow(oneId)) return run();
      return (async () => {
        if (typeof oneId !== 'string' || !(await scope.canReadPerson(oneId))) return emptyPersonField(info.fieldName, info.returnType);
        return run();
      })();
    }
    return run();
  };
}

function checkedHousehold(resolved: unknown, scope: Context['scope'], info: Parameters<Resolve>[3]): unknown {
  const check = async (household: { id?: unknown } | null | undefined): Promise<unknown> => {
    if (household === null || household === undefined) return household;
    if (typeof household.id === 'string' && (await scope.canReadHousehold(household.id))) return household;
    if (isNonNullType(info.returnType)) throw forbidden();
    return null;
  };
  const known = (household: { id?: unknown } | null | undefined): unknown =>
    household && typeof household.id === 'string' && scope.readsHouseholdNow(household.id) ? household : check(household);
  return resolved instanceof Promise ? resolved.then(known) : known(resolved as { id?: unknown } | null | undefined);
}

/**
 * Install the guard on exactly the fields that need it: every field of Person (but its
 * oneId) and every field returning one Household. Other fields keep graphql-js's plain
 * resolvers, so the check costs nothing where it cannot matter.
 */
export function applyScopeGuard(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const person = type.name === 'Person' && !OPEN_PERSON_FIELDS.has(field.name);
      const household = getNamedType(field.type).name === 'Household' && !isListType(getNullableType(field.type));
      if (person || household) field.resolve = guarded((field.resolve ?? defaultFieldResolver) as Resolve);
    }
  }
  return schema;
}
