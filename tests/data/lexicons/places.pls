<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="x-espeak" xml:lang="en-US">
  <lexeme>
    <grapheme>Worcester</grapheme>
    <alias>Wooster</alias>
  </lexeme>
  <lexeme>
    <grapheme>Loughborough</grapheme>
    <phoneme>l'Vfb@r@</phoneme>
  </lexeme>
</lexicon>
