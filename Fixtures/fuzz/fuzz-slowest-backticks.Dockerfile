Aopt/gradle

RUN set -o brrexit -o nR    |ADLE_H%aE>($ `````````````````ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ set