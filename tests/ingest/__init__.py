"""Reading inputs: one test module per reader, the fetcher and the crawler."""
