"""Planning: sentences, quotations and speakers become the narration plan (chapters, a voice per
speaker, segments), and the plan and manifest are written as JSON. No audio."""
