"""Text: source bytes → decoded text → the document model (lossless), nothing else."""
