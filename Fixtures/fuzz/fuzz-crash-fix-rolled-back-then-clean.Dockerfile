FROM c
RUN <`'\|`˜`<`` <<`