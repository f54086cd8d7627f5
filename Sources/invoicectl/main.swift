// invoicectl: coming with the API issue.
