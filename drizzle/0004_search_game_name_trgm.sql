-- Game search and suggestions match clips.game_name by prefix and trigram similarity (src/platform/search).
CREATE INDEX clips_game_name_trgm_idx ON clips USING gin (game_name gin_trgm_ops)
  WHERE not is_removed and not is_hidden and submitted_by_user_id is not null;
