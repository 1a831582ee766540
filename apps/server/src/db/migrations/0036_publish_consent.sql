-- Null: the resident was not asked (earlier contacts, and every channel but the web form).
ALTER TABLE "tickets" ADD COLUMN "publish_consent" boolean;
