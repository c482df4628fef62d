"""Quotes: quotation marks found, each quotation attributed to a speaker (one person, many
names), with the word lists of each language kept apart from the rules."""
