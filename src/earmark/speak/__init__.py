"""Speaking: each segment becomes audio through pyttsx3 (espeak-ng), in worker processes, with a
content-addressed cache in front."""
