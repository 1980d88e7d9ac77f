/**
 * Wire format of the SP-API Product Type Definitions API 2020-09-01
 * (models/definitionsProductTypes_2020-09-01.json): `getDefinitionsProductType` (a
 * `ProductTypeDefinition`, whose `schema.link.resource` is a presigned URL of the product type's
 * JSON Schema and `schema.checksum` its Base64 MD5) and `searchDefinitionsProductTypes`
 * (`ProductTypeList`). Objects are loose (new members pass), enum-like members plain text,
 * `null` reads as absent.
 */
import { z } from 'zod';
import { nullAsAbsent } from '../../http/wire-leniency.js';

const text = nullAsAbsent(z.string());

/** `SchemaLink`: `link { resource, verb: GET }` and `checksum` (Base64 MD5 of the document). */
export const AmazonSchemaLinkSchema = z.looseObject({
  link: z.looseObject({ resource: z.string().min(1), verb: text }),
  checksum: text,
});
export type AmazonSchemaLink = z.infer<typeof AmazonSchemaLinkSchema>;

/** `ProductTypeDefinition`: only what locating and checking the schema needs is required. */
export const AmazonProductTypeDefinitionSchema = z.looseObject({
  metaSchema: nullAsAbsent(AmazonSchemaLinkSchema),
  schema: AmazonSchemaLinkSchema,
  requirements: text,
  requirementsEnforced: text,
  propertyGroups: nullAsAbsent(z.record(z.string(), z.unknown())),
  locale: text,
  marketplaceIds: nullAsAbsent(z.array(z.string())),
  productType: z.string().min(1),
  displayName: text,
  productTypeVersion: nullAsAbsent(z.looseObject({ version: z.string().min(1), latest: z.boolean().optional(), releaseCandidate: z.boolean().optional() })),
});
export type AmazonProductTypeDefinition = z.infer<typeof AmazonProductTypeDefinitionSchema>;

/** `ProductTypeList`: `productTypes[] { name, displayName, marketplaceIds }` and `productTypeVersion`. */
export const AmazonProductTypeListSchema = z.looseObject({
  productTypes: z.array(z.looseObject({ name: z.string().min(1), displayName: text, marketplaceIds: nullAsAbsent(z.array(z.string())) })),
  productTypeVersion: text,
});
export type AmazonProductTypeList = z.infer<typeof AmazonProductTypeListSchema>;
