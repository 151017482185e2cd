"""The layout law: the rule book (profiles by rule ID), text metrics, Vietnamese text rules."""
