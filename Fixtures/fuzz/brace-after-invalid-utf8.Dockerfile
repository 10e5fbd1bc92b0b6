FROM alpine
RUN echo ÿÿÿÿ}
RUN echo aÿþÿ{
RUN cp ÿÿÿÿ{a,b} /tmp
RUN for i in ÿÿÿ{1..3}; do echo $i; done
RUN echo Ã©}
