FROM	alpine:3.20
RUN	echo	"tab	separated" \
	&& true
LABEL	key=value
