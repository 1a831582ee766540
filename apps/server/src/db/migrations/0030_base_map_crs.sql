-- A MapLibre style alone cannot be drawn by the raster map (Leaflet): such an organisation falls back to the installation's MAP_* base map.
DELETE FROM "map_settings" WHERE "tile_url" IS NULL;--> statement-breakpoint
ALTER TABLE "map_settings" ALTER COLUMN "tile_url" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "map_settings" ADD COLUMN "crs" text DEFAULT 'EPSG:3857' NOT NULL;--> statement-breakpoint
ALTER TABLE "map_settings" ADD COLUMN "tile_matrix" jsonb;--> statement-breakpoint
ALTER TABLE "map_settings" DROP COLUMN "style_url";