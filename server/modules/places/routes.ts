import { z } from 'zod';
import { Permission } from '../../../common/permissions';
import type { HamsafarApp } from '../../platform/http/types';
import { readUpload } from '../../platform/http/uploads';
import {
  AdminUnit,
  AdminUnitPage,
  ImportCommitted,
  ImportPreview,
  LevelParams,
  SubdivisionMapping,
  UnitFeatureCollection,
  UnitListQuery,
  UnitParams,
  UnitSetList,
} from './schemas';
import * as service from './service';
import type { AdminLevel } from './tables';

const tags = ['places'];
/** A boundary file is JSON text: read by its bytes as text/plain, named .geojson or .json. */
const BOUNDARY_TYPES = ['text/plain'];

export default async function placesRoutes(app: HamsafarApp) {
  app.get('/units', {
    config: { permission: Permission.PlacesRead },
    schema: { tags, summary: 'Administrative units (without boundaries), by level and parent; retired units on request', querystring: UnitListQuery, response: { 200: AdminUnitPage } },
    handler: (request) => service.listUnits(request.ctx, request.query),
  });
  app.get('/units/:id', {
    config: { permission: Permission.PlacesRead },
    schema: { tags, summary: 'One administrative unit', params: UnitParams, response: { 200: AdminUnit } },
    handler: (request) => service.getUnit(request.ctx, request.params.id),
  });
  app.get('/levels/:level/features', {
    config: { permission: Permission.PlacesRead },
    schema: {
      tags,
      summary: 'Boundaries of one level as a GeoJSON FeatureCollection for the maps; gzipped when accepted, with an ETag (If-None-Match answers 304)',
      params: LevelParams,
      response: { 200: UnitFeatureCollection, 304: z.null().describe('Not modified: the copy named by If-None-Match is current') },
    },
    handler: async (request, reply) => {
      const payload = await service.levelFeatures(request.ctx, request.params.level as AdminLevel);
      // Private: the boundaries of a network are for its signed-in users; revalidated on each use.
      reply.header('etag', payload.etag).header('cache-control', 'private, no-cache').header('vary', 'Accept-Encoding');
      if (request.headers['if-none-match'] === payload.etag) return reply.code(304).send(null);
      reply.type('application/json; charset=utf-8');
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(payload.gzip as never);
      // Sent as bytes: the text is built once per version, not serialised again for every request.
      return reply.send(Buffer.from(payload.json) as never);
    },
  });
  app.get('/sets', {
    config: { permission: Permission.PlacesRead },
    schema: { tags, summary: 'The gazetteer imports (unit sets): name, version, source and licence', response: { 200: UnitSetList } },
    handler: (request) => service.unitSets(request.ctx),
  });
  app.get('/subdivisions', {
    config: { permission: Permission.PlacesRead },
    schema: { tags, summary: 'ISO 3166-2 codes and the unit each maps to', response: { 200: SubdivisionMapping } },
    handler: (request) => service.subdivisionMapping(request.ctx),
  });
  app.post('/imports/preview', {
    config: { permission: Permission.PlacesImport },
    schema: {
      tags,
      summary: 'Preview a boundary import (multipart: level, codeProperty, nameProperty, nameUrProperty?, parentCodeProperty?, isoProperty?, gazetteer, version, country?, source?, licence?, then file): changes nothing',
      consumes: ['multipart/form-data'],
      response: { 200: ImportPreview },
    },
    handler: (request) => service.previewImport(request.ctx, () => readUpload(request, BOUNDARY_TYPES)),
  });
  app.post('/imports', {
    config: { permission: Permission.PlacesImport },
    schema: {
      tags,
      summary: 'Import a boundary file (the same fields as the preview, and its digest): updates units by code, inserts new ones, deletes or retires the missing',
      consumes: ['multipart/form-data'],
      response: { 201: ImportCommitted },
    },
    handler: async (request, reply) => reply.code(201).send(await service.commitImport(request.ctx, () => readUpload(request, BOUNDARY_TYPES))),
  });
}
