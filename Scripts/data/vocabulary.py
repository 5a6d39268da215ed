"""The default model's vocabulary, as the data and evaluation scripts name it: the ten digits,
the ten Speech Commands command words, and the filler symbol that stands for any other speech."""

DIGITS = "zero one two three four five six seven eight nine".split()
COMMANDS = "yes no up down left right on off stop go".split()
WORDS = DIGITS + COMMANDS
FILLER = "<other>"
