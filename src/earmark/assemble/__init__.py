"""Assembly: spoken clips and pauses become one programme and its timeline, in chunks that encode
in parallel, levelled for loudness and limited."""
